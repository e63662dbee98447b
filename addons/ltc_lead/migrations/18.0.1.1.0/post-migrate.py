"""18.0.1.1.0: the pool log names its record by (res_model, res_id) only; the stored lead_id and
partner_id columns (and their foreign keys) of 18.0.1.0.0 go, and so does the cool-down index (the
res_id index serves it)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE ltc_lead_pool_log DROP COLUMN IF EXISTS lead_id, DROP COLUMN IF EXISTS partner_id")
    cr.execute("DROP INDEX IF EXISTS ltc_lead_pool_log_cooldown_idx")
