"""18.0.1.1.0: sales targets are split into periods (quarters, evenly by default): the targets of
18.0.1.0.0 get theirs, so the forecast no longer puts a whole target on its first day. Stage gates
name their required fields (ltc_stage_gate_field) instead of pointing at ir.model.fields."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ltc.sales.target"].search([("period_ids", "=", False)])._sync_periods()
    cr.execute("SELECT to_regclass('ir_model_fields_ltc_stage_gate_rel')")
    if cr.fetchone()[0]:
        cr.execute("""
            INSERT INTO ltc_stage_gate_field (gate_id, field_name, sequence)
            SELECT rel.ltc_stage_gate_id, f.name, 10
              FROM ir_model_fields_ltc_stage_gate_rel rel
              JOIN ir_model_fields f ON f.id = rel.ir_model_fields_id
            ON CONFLICT DO NOTHING
        """)
