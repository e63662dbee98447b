from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.addons.ltc_lead.guard import guarded
from odoo.exceptions import UserError

VERSIONED_LINE_FIELDS = {"product_id", "product_uom_qty", "product_uom", "price_unit", "discount"}
PORTAL_SIGNATURE_FIELDS = {"signature", "signed_by", "signed_on"}


class SaleOrder(models.Model):
    """Quote versions: each send of a quotation is kept as v1, v2 …; changing a sent quotation
    requires a revision with a reason, which puts it back to draft until it is sent again."""

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    version_ids = fields.One2many("ltc.quote.version", "order_id", string="Versions", copy=False, readonly=True)
    version_count = fields.Integer(compute="_compute_version_info")
    current_version = fields.Integer(
        string="Version", compute="_compute_version_info",
        help="Number of the latest version sent to the customer.",
    )
    revision_reason = fields.Text(copy=False, readonly=True, help="Why the sent quotation is being revised.")

    @api.depends("version_ids.version")
    def _compute_version_info(self):
        for order in self:
            order.version_count = len(order.version_ids)
            order.current_version = max(order.version_ids.mapped("version") or [0])

    def _get_under_validation_exceptions(self):
        # Sending an approved quote (draft -> sent) and revising it are state changes that
        # base_tier_validation would otherwise refuse while reviews exist.
        return super()._get_under_validation_exceptions() + ["state", "revision_reason"]

    def _check_allow_write_under_validation(self, vals):
        # The customer signs an approved quote in the portal (sale's /my/orders/<id>/accept writes
        # the signature, then confirms): base_tier_validation would refuse it while reviews exist.
        # Only once every review is done; the confirmation still checks the approval itself.
        if set(vals) <= PORTAL_SIGNATURE_FIELDS and self.review_ids and self.validation_status == "validated":
            return True
        return super()._check_allow_write_under_validation(vals)

    def write(self, vals):
        to_send = self.browse()
        if vals.get("state") == "sent":
            to_send = self.filtered(lambda o: o.state == "draft")
            to_send._check_ready_to_send()
        res = super().write(vals)
        for order in to_send:
            order._create_quote_version()
        return res

    def _check_ready_to_send(self):
        """A quotation goes to the customer only when it keeps its rules and, if the company says
        so, once its discount approval is complete."""
        self._check_ltc_rules()
        for order in self:
            if order.company_id.ltc_approval_before_send and order._is_approval_pending():
                raise UserError(_(
                    "Quotation %(order)s needs its discount approval before it is sent: %(figures)s",
                    order=order.name, figures=order.approval_figures or "",
                ))

    def action_quotation_send(self):
        self.filtered(lambda o: o.state == "draft")._check_ready_to_send()
        return super().action_quotation_send()

    def _prepare_quote_version_vals(self):
        self.ensure_one()
        version_model = self.env["ltc.quote.version"]
        previous = self.version_ids.sorted("version", reverse=True)[:1]
        number = (previous.version or 0) + 1
        line_vals = [
            {
                "sequence": line.sequence,
                "display_type": line.display_type or "",
                "product_id": line.product_id.id,
                "name": line.name,
                "product_uom_qty": line.product_uom_qty,
                "product_uom": line.product_uom.id,
                "price_unit": line.price_unit,
                "discount": line.discount,
                "price_subtotal": line.price_subtotal,
            }
            for line in self.order_line
        ]
        vals = {
            "order_id": self.id,
            "version": number,
            "currency_id": self.currency_id.id,
            "partner_id": self.partner_id.id,
            "pricelist_id": self.pricelist_id.id,
            "amount_untaxed": self.amount_untaxed,
            "amount_tax": self.amount_tax,
            "amount_total": self.amount_total,
            "max_discount": self.max_discount,
            "reason": self.revision_reason or (_("First version sent") if number == 1 else _("Revised")),
            "line_ids": [fields.Command.create(lv) for lv in line_vals],
        }
        if previous:
            changes = version_model._diff_lines(previous._get_line_values(), line_vals)
            vals["diff_html"] = version_model._render_diff(changes, previous, vals)
        return vals

    def _create_quote_version(self):
        self.ensure_one()
        version = self.env["ltc.quote.version"].sudo().create(self._prepare_quote_version_vals())
        self.invalidate_recordset(["version_ids"])  # read them back in version order
        super(SaleOrder, guarded(self).with_context(tracking_disable=True)).write({"revision_reason": False})
        self.message_post(
            body=Markup("%s<br/>%s") % (
                _("Version v%(version)s sent.", version=version.version), version.reason,
            ),
        )
        return version

    def action_revise(self, reason):
        """Reopen a sent quotation for changes; the next send keeps it as a new version."""
        if not (reason or "").strip():
            raise UserError(_("Say why the quotation is revised."))
        for order in self:
            if order.state != "sent":
                raise UserError(_("Only a sent quotation can be revised; %s is not sent.", order.name))
        self.restart_validation()
        guarded(self).write({"state": "draft", "revision_reason": reason.strip()})
        for order in self:
            order.message_post(body=_("Revision of v%(version)s started: %(reason)s",
                                      version=order.current_version, reason=reason.strip()))
        return True

    def action_open_revise_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Revise Quotation"),
            "res_model": "ltc.quote.revise.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ltc_cpq.action_ltc_quote_version")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _check_version_guard(self):
        """Changing what a customer was sent needs a revision first.

        The customer may still change optional products on the portal (sale_management): those
        changes show in the diff of the next version.
        """
        if self.env.context.get("ltc_skip_version_guard") or self.env.user.share:
            return
        for order in self:
            if order.state == "sent" and order.version_ids:
                raise UserError(_(
                    "Quotation %(order)s was sent to the customer as v%(version)s. Click Revise and say why "
                    "before changing its lines, prices or discounts.",
                    order=order.name, version=order.current_version,
                ))
