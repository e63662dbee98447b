/** @odoo-module **/

import { registry } from "@web/core/registry";

// A rep opens the lead pool (the phone kanban), sees masked contact details, claims a lead,
// and finds it in their own leads with the details revealed.
registry.category("web_tour.tours").add("ltc_lead_pool_claim", {
    url: "/odoo/action-ltc_lead.action_ltc_pool_leads",
    steps: () => [
        {
            content: "the pooled lead is shown with its email masked",
            trigger: ".o_kanban_record:contains('Tour Pool Lead'):contains('t***@tourcorp.cn')",
        },
        {
            content: "claim it",
            trigger: ".o_kanban_record:contains('Tour Pool Lead') button.o_ltc_claim",
            run: "click",
        },
        {
            content: "it leaves the list of available leads",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Tour Pool Lead')))",
        },
        {
            content: "open my leads",
            trigger: ".o_searchview_input",
            run: "click",
        },
        {
            content: "remove the 'available' filter",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            content: "the claimed lead now shows its real email",
            trigger: ".o_kanban_record:contains('Tour Pool Lead'):contains('tour.buyer@tourcorp.cn')",
            run: "click",
        },
        {
            content: "the owner may now release it (and no longer claim it)",
            trigger: ".o_form_view:not(:has(button[name=action_claim])) button[name=action_open_release_wizard]",
        },
    ],
});
