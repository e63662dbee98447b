/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ltc_opportunity_register", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            trigger: ".o_kanban_record:contains(Tour deal)",
            content: "Open the opportunity from its card",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=solution_user_id]",
            content: "The iron triangle shows on the opportunity",
        },
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Decision Chain)",
            content: "Open the decision chain",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=stakeholder_ids] .o_field_x2many_list_row_add a",
            content: "Add a stakeholder",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=stakeholder_ids] .o_field_widget[name=partner_id] input",
            content: "Pick the contact",
            run: "edit Tour Contact",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Contact)",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_register]",
            content: "Register (报备) the opportunity",
            run: "click",
        },
        {
            trigger: ".o_form_view .ribbon:contains(Conflict)",
            content: "The conflict with the other rep is flagged",
        },
        {
            trigger: ".o_form_view .o_stat_text:contains(Registration)",
            content: "The registration is reachable from the opportunity",
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a",
            content: "Back to the pipeline",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains(Tour deal) .badge:contains(Conflict)",
            content: "The kanban card shows the conflict badge",
        },
    ],
});
