/** @odoo-module **/

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * After a claim: say what happened, offer to open the claimed lead(s), reload the current view.
 */
export function ltcLeadClaimed(env, action) {
    const { title, message, lead_ids: leadIds, next } = action.params || {};
    const close = env.services.notification.add(message, {
        title,
        type: "success",
        className: "o_ltc_claimed_notification",
        buttons: [
            {
                name: leadIds.length === 1 ? _t("Open the lead") : _t("Open the leads"),
                primary: true,
                onClick: () => {
                    close();
                    env.services.action.doAction({
                        type: "ir.actions.act_window",
                        res_model: "crm.lead",
                        name: _t("Claimed leads"),
                        views: leadIds.length === 1 ? [[false, "form"]] : [[false, "list"], [false, "form"]],
                        res_id: leadIds.length === 1 ? leadIds[0] : undefined,
                        domain: [["id", "in", leadIds]],
                    });
                },
            },
        ],
    });
    return next;
}

registry.category("actions").add("ltc_lead_claimed", ltcLeadClaimed);
