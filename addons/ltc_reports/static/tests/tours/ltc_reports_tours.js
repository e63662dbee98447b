/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px): the sales manager opens the dashboard, reads the headline figures and opens the
// report behind the win rate.
registry.category("web_tour.tours").add("ltc_reports_sales_dashboard_phone", {
    steps: () => [
        {
            content: "the dashboard shows the month's won amount and the win rate",
            trigger: ".o_form_view .o_stat_text:contains('Win Rate (90 d)')",
        },
        {
            content: "the win rate of the manager's team: one won, one lost",
            trigger: ".o_form_view button:has(.o_stat_text:contains('Win Rate (90 d)')) .o_stat_value:contains('50.0')",
        },
        {
            content: "open the performance report behind it",
            trigger: ".o_form_view button:has(.o_stat_text:contains('Win Rate (90 d)'))",
            run: "click",
        },
        {
            content: "the sales performance report opens",
            trigger: ".o_breadcrumb:contains('Sales Performance')",
        },
    ],
});

// The accountant picks an as-of date for the aging, sees the buckets, and traces an invoice.
registry.category("web_tour.tours").add("ltc_reports_aging_and_trace", {
    steps: () => [
        {
            content: "the aging wizard asks for the date",
            trigger: ".modal .o_field_widget[name=as_of] input",
        },
        {
            content: "show the aging",
            trigger: ".modal button[name=action_open]",
            run: "click",
        },
        {
            content: "the pivot shows the customer's invoice in its bucket",
            trigger: ".o_pivot th:contains('31–60 days')",
        },
        {
            content: "the customer's row",
            trigger: ".o_pivot th:contains('Tour Aging Customer')",
        },
    ],
});

registry.category("web_tour.tours").add("ltc_reports_trace_from_invoice", {
    steps: () => [
        {
            content: "open the Action menu of the invoice",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "trace it",
            trigger: ".o-dropdown-item:contains('Lead-to-Cash Trace')",
            run: "click",
        },
        {
            content: "the trace lists the invoice and its payment",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Payment')",
        },
        {
            content: "and the invoice line opens the invoice",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Invoice') button[name=action_open]",
            run: "click",
        },
        {
            content: "back on the invoice",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains('Tour Aging Customer')",
        },
    ],
});
