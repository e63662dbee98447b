/** @odoo-module **/

import { registry } from "@web/core/registry";

// Data comes from tests/test_tour_cpq.py: a draft quote, the "Tour Server" bundle with a required
// "Tour CPU" (included) and an optional "Tour Disk".
registry.category("web_tour.tours").add("ltc_cpq_bundle_tour", {
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        {
            content: "Open the tour customer's quotation",
            trigger: ".o_list_view .o_data_row:contains('Tour Customer') td[name='partner_id']",
            run: "click",
        },
        {
            content: "Open the bundle configurator from the quote",
            trigger: ".o_form_view button[name='action_open_bundle_configurator']",
            run: "click",
        },
        {
            content: "Choose the bundle",
            trigger: ".modal div[name='product_id'] input",
            run: "edit Tour Server",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Server')",
            run: "click",
        },
        {
            content: "The required component is listed",
            trigger: ".modal .o_data_row:contains('Tour CPU')",
        },
        {
            content: "The optional component is listed too",
            trigger: ".modal .o_data_row:contains('Tour Disk')",
        },
        {
            content: "Add the bundle to the quote",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The bundle and its required component are on the quote",
            trigger: ".o_field_widget[name='order_line'] .o_data_row:contains('Tour CPU')",
        },
        {
            trigger: ".o_field_widget[name='order_line'] .o_data_row:contains('Tour Server')",
        },
        {
            content: "Pricing columns are shown",
            trigger: ".o_field_widget[name='order_line'] th[data-name='pricelist_price']",
        },
    ],
});
