/** @odoo-module **/

import { registry } from "@web/core/registry";

// A sales manager walks the visit views (list, kanban, calendar, pivot, graph) of a visit they
// accompany, then an account plan and its open opportunities.
registry.category("web_tour.tours").add("ltc_key_account_visit_views", {
    url: "/odoo/action-ltc_key_account.action_ltc_visit",
    steps: () => [
        {
            content: "the accompanied visit is in the list",
            trigger: ".o_list_view .o_data_row:contains('Desk Test Co')",
        },
        { trigger: ".o_switch_view.o_kanban", run: "click" },
        {
            content: "kanban card",
            trigger: ".o_kanban_view .o_kanban_record:contains('Desk Test Co')",
        },
        { trigger: ".o_switch_view.o_calendar", run: "click" },
        {
            content: "calendar",
            trigger: ".o_calendar_view .o_calendar_renderer",
        },
        { trigger: ".o_switch_view.o_pivot", run: "click" },
        {
            content: "pivot figures: visits, done, on site, duration",
            trigger: ".o_pivot_view .o_pivot_measure_row:contains('On Site')",
        },
        { trigger: ".o_switch_view.o_graph", run: "click" },
        {
            content: "graph",
            trigger: ".o_graph_view canvas",
        },
    ],
});

registry.category("web_tour.tours").add("ltc_key_account_plan", {
    steps: () => [
        {
            content: "the plan's smart button counts the account's open opportunity",
            trigger: ".o_form_view button[name=action_open_opportunities]:contains('1')",
            run: "click",
        },
        {
            content: "and opens it",
            trigger: ".o_kanban_view .o_kanban_record:contains('Desk MES')",
        },
    ],
});
