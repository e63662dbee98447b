/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone (390 px), with the browser's position set by the test (DevTools emulation): a rep
// opens today's visit from "My Visits Today", checks in (the position comes from the browser),
// ticks the SOP item, and checks out.
registry.category("web_tour.tours").add("ltc_visit_check_in_phone", {
    url: "/odoo/action-ltc_key_account.action_ltc_visit_today",
    steps: () => [
        {
            content: "today's visit is on the phone list",
            trigger: ".o_kanban_record:contains('Phone Test Co')",
            run: "click",
        },
        {
            content: "check in: the button reads the browser's position",
            trigger: ".o_form_view .o_ltc_visit_check_in:visible:not([disabled])",
            run: "click",
        },
        {
            content: "the visit is checked in with the browser's position",
            trigger: ".o_form_view .o_field_widget[name=check_in_latitude]:contains('31.2314000')",
        },
        {
            content: "and the accuracy the browser gave",
            trigger: ".o_form_view .o_field_widget[name=check_in_accuracy]:contains('20.0')",
        },
        {
            content: "tick the required SOP item",
            trigger: ".o_form_view .o_field_widget[name=answer_ids] .o_data_row:contains('Met the buyer') td[name=done]",
            run: "click",
        },
        {
            content: "tick it",
            trigger: ".o_form_view .o_field_widget[name=answer_ids] .o_data_row:contains('Met the buyer') td[name=done] input",
            run: "check",
        },
        {
            content: "check out",
            trigger: ".o_form_view button[name=action_check_out]:visible",
            run: "click",
        },
        {
            content: "the visit is done",
            trigger: ".o_form_view:not(:has(button[name=action_check_out]:visible)) .o_field_widget[name=duration_hours]",
        },
    ],
});
