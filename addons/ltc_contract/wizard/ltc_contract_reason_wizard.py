from odoo import fields, models


class LtcContractReasonWizard(models.TransientModel):
    """Asks why a contract is suspended or terminated, then calls the contract's method."""

    _name = "ltc.contract.reason.wizard"
    _description = "Contract Suspension / Termination Reason"

    contract_id = fields.Many2one("ltc.contract", required=True)
    action = fields.Selection([("suspend", "Suspend"), ("terminate", "Terminate")], required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "suspend":
            self.contract_id.action_suspend(self.reason)
        else:
            self.contract_id.action_terminate(self.reason)
        return {"type": "ir.actions.act_window_close"}
