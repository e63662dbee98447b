from markupsafe import Markup

from odoo import models
from odoo.exceptions import ValidationError


class TierValidation(models.AbstractModel):
    """OCA's approval messages, said in LTC's words so that they are translated with LTC's terms.

    base_tier_validation's Python messages only take translations from its own files, which have no
    Chinese for them; each message has its own method in the mixin, overridden here.
    """

    _inherit = "tier.validation"

    def _get_to_validate_message(self):
        name = self.env["ir.model"]._get(self._name).name or self._get_to_validate_message_name()
        return Markup('<i class="fa fa-info-circle"></i> %s') % self.env._("This %s needs to be validated.", name)

    def _get_validated_message(self):
        if self.validation_status != "validated":
            return ""
        return Markup('<i class="fa fa-thumbs-up"></i> %s') % self.env._("Operation has been validated!")

    def _get_rejected_message(self):
        if self.validation_status != "rejected":
            return ""
        return Markup('<i class="fa fa-thumbs-down"></i> %s') % self.env._("Operation has been rejected.")

    def _compute_next_review(self):
        for rec in self:
            review = rec.review_ids.sorted("sequence").filtered(lambda review: review.status == "pending")[:1]
            rec.next_review = self.env._("Next: %s", review.name or "") if review else False

    def _notify_created_review_body(self):
        return self.env._("A record to be reviewed has been created by %s.", self.env.user.name)

    def _notify_requested_review_body(self):
        return self.env._("A review has been requested by %s.", self.env.user.name)

    def _notify_accepted_reviews_body(self):
        reviews = self.review_ids.filtered(lambda review: self.env.user in review.reviewer_ids and review.comment)
        if reviews:
            return self.env._("A review was accepted. (%s)", reviews.mapped("comment")[0])
        return self.env._("A review was accepted")

    def _notify_rejected_review_body(self):
        reviews = self.review_ids.filtered(lambda review: self.env.user in review.reviewer_ids and review.comment)
        if reviews:
            return self.env._("A review was rejected by %(user)s. (%(comment)s)",
                              user=self.env.user.name, comment=reviews.mapped("comment")[0])
        return self.env._("A review was rejected by %s.", self.env.user.name)

    def _notify_restarted_review_body(self):
        return self.env._("The review has been reset by %s.", self.env.user.name)

    def _tier_validation_check_state_on_write(self, vals):
        """OCA refuses the move to an approved state while reviews are missing or open, raising from
        its own module (no Chinese there): its two refusals, said again in LTC's words."""
        try:
            return super()._tier_validation_check_state_on_write(vals)
        except ValidationError as error:
            message = str(error.args[0]) if error.args else ""
            if message.startswith("This action needs to be validated"):
                pending = self.review_ids.filtered(lambda review: review.status == "pending")
                raise ValidationError(self.env._(
                    "This action needs to be validated for at least one record. Reviews pending:\n - %s"
                    "\nPlease request a validation.", "\n - ".join(pending.mapped("name")))) from None
            if message.startswith("A validation process is still open"):
                raise ValidationError(self.env._(
                    "A validation process is still open for at least one record.")) from None
            raise
