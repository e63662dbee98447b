/** @odoo-module **/

import { registry } from "@web/core/registry";

// Data comes from tests/test_tour_cpq.py: a rep's quote at 25 % off waiting for a sales manager.
registry.category("web_tour.tours").add("ltc_cpq_approval_tour", {
    url: "/odoo/action-ltc_cpq.action_ltc_quotes_to_approve",
    steps: () => [
        {
            content: "Open the quote to approve",
            trigger: ".o_list_view .o_data_row:contains('Tour Approval Customer') td[name='partner_id']",
            run: "click",
        },
        {
            content: "The reviewer sees the figures that triggered the tier",
            trigger: ".o_form_view .alert:contains('25.0 %')",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='validate_tier']",
            run: "click",
        },
        {
            content: "The approval is recorded: nothing left to validate",
            trigger: ".o_form_view:not(:has(button[name='validate_tier']))",
        },
        {
            content: "Confirm the quote",
            trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']:visible",
            run: "click",
        },
        {
            content: "The quote is now a sales order",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='sale']",
        },
    ],
});
