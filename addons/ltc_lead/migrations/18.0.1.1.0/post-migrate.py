"""18.0.1.1.0: the pool log names its record by (res_model, res_id) only; the stored lead_id and
partner_id columns (and their foreign keys) of 18.0.1.0.0 go, and so does the cool-down index (the
res_id index serves it); the pool and last follow-up indexes of crm_lead leave out leads without
either."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE ltc_lead_pool_log DROP COLUMN IF EXISTS lead_id, DROP COLUMN IF EXISTS partner_id")
    cr.execute("DROP INDEX IF EXISTS ltc_lead_pool_log_cooldown_idx")
    # pool and last follow-up of a lead: indexed only where set (most leads have neither); the
    # registry recreates both indexes with their new definition
    cr.execute("DROP INDEX IF EXISTS crm_lead__pool_id_index")
    cr.execute("DROP INDEX IF EXISTS crm_lead__last_follow_up_date_index")
