/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): a rep opens a pooled lead from the pool, claims it with the button in the
// sheet (not in the gear menu), is told so, and sees the contact details.
registry.category("web_tour.tours").add("ltc_lead_pool_claim_phone", {
    url: "/odoo/action-ltc_lead.action_ltc_pool_leads",
    steps: () => [
        {
            content: "open the pooled lead from its card",
            trigger: ".o_kanban_record:contains('Phone Pool Lead') span:contains('Phone Pool Lead')",
            run: "click",
        },
        {
            content: "on a phone the New button keeps its label on one line (a Chinese label would wrap)",
            trigger: ".o_control_panel .o_form_button_create",
            run() {
                if (getComputedStyle(this.anchor).whiteSpace !== "nowrap") {
                    throw new Error("the New button may wrap onto two lines");
                }
            },
        },
        {
            content: "the form says the lead waits in a pool, contact details masked",
            trigger: ".o_form_view .o_ltc_pool_banner:visible",
        },
        {
            content: "claim it from the sheet",
            trigger: ".o_form_view .o_ltc_pool_banner button[name=action_claim]:visible",
            run: "click",
        },
        {
            content: "the rep is told the lead is theirs, with a way to open it",
            trigger: ".o_notification.o_ltc_claimed_notification:contains('Phone Pool Lead') button:contains('Open the lead')",
        },
        {
            content: "the form shows the real email and no longer offers to claim",
            trigger: ".o_form_view:not(:has(.o_ltc_pool_banner:visible)) .o_field_widget[name=email_from] input:value(phone.buyer@phonecorp.cn)",
        },
        {
            content: "back to the pool",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "the claimed lead left the pool's list",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Phone Pool Lead')))",
        },
        {
            content: "claim the second lead from its card",
            trigger: ".o_kanban_record:contains('Phone Pool Second') button.o_ltc_claim",
            run: "click",
        },
        {
            content: "the notification offers to open the claimed lead",
            trigger: ".o_notification.o_ltc_claimed_notification:contains('Phone Pool Second') button:contains('Open the lead')",
            run: "click",
        },
        {
            content: "the claimed lead opens",
            trigger: ".o_form_view .o_field_widget[name=email_from] input:value(second.buyer@phonecorp.cn)",
        },
    ],
});
