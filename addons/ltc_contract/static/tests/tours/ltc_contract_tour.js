/** @odoo-module **/

import { registry } from "@web/core/registry";

// Data comes from tests/test_tour_contract.py: a rep's contract in review.
registry.category("web_tour.tours").add("ltc_contract_review_tour", {
    url: "/odoo/action-ltc_contract.action_ltc_contract_to_review",
    steps: () => [
        {
            content: "Open the contract to review",
            trigger: ".o_list_view .o_data_row:contains('Tour Contract Customer') td[name='partner_id']",
            run: "click",
        },
        {
            content: "The contract is in review",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='review']",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='validate_tier']",
            run: "click",
        },
        {
            content: "The review is complete: the contract is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});

registry.category("web_tour.tours").add("ltc_contract_sign_tour", {
    url: "/odoo/action-ltc_contract.action_ltc_contract",
    steps: () => [
        {
            content: "Open the approved contract from the kanban",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tour Contract Customer')",
            run: "click",
        },
        {
            content: "Enter the signing date",
            trigger: ".o_form_view .o_field_widget[name='date_signed'] input",
            run: "edit 01/15/2026",
        },
        {
            content: "Sign",
            trigger: ".o_form_view .o_form_statusbar button[name='action_sign']:visible",
            run: "click",
        },
        {
            content: "The contract is signed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='signed']",
        },
    ],
});
