/** @odoo-module **/

import { registry } from "@web/core/registry";

function searchDialogPick(name) {
    return [
        {
            content: `search ${name} in the dialog`,
            trigger: ".modal .o_control_panel button:has(i.fa-search)",
            run: "click",
        },
        {
            trigger: ".modal .o_searchview_input",
            run: `edit ${name}`,
        },
        {
            trigger: ".modal .o_searchview_input",
            run: "press Enter",
        },
        {
            content: `pick ${name}`,
            trigger: `.modal .o_kanban_record:contains(${name})`,
            run: "click",
        },
    ];
}

// On a phone (390 px): a rep creates an opportunity in the pipeline's form, gives it a product line
// on the opportunity form itself, and registers (报备) it.
registry.category("web_tour.tours").add("ltc_opportunity_register_phone", {
    url: "/odoo/action-crm.crm_lead_action_pipeline/new",
    steps: () => [
        {
            content: "name the opportunity",
            trigger: ".o_form_view .o_field_widget[name=name] textarea, .o_form_view .o_field_widget[name=name] input",
            run: "edit Phone registered deal",
        },
        {
            content: "pick the customer: on a phone the many2one opens a search dialog",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "click",
        },
        ...searchDialogPick("Phone Customer Ltd"),
        {
            content: "the product lines are on the opportunity form",
            trigger: ".o_form_view .o_field_widget[name=product_line_ids] input",
            run: "click",
        },
        ...searchDialogPick("Phone line"),
        {
            trigger: ".o_form_view .o_field_widget[name=product_line_ids] .o_tag:contains(Phone line)",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "on a phone the header buttons are in the gear menu",
            trigger: ".o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "register (报备)",
            trigger: ".o-dropdown--menu button[name=action_register]",
            run: "click",
        },
        {
            content: "on a phone the smart buttons are behind the lightning button",
            trigger: ".o_control_panel button:has(i.fa-bolt)",
            run: "click",
        },
        {
            content: "the registration shows on the opportunity",
            trigger: ".o-dropdown--menu .o_stat_text:contains(Registration)",
        },
    ],
});

// A sales manager (not an administrator) opens the stage gates and requires one more field.
registry.category("web_tour.tours").add("ltc_stage_gate_manager", {
    url: "/odoo/action-ltc_opportunity.action_ltc_stage_gate",
    steps: () => [
        {
            content: "the gate list shows the required fields",
            trigger: ".o_list_view .o_data_row:contains(Tour Gate Stage):contains(Expected Revenue) td[name=stage_id]",
            run: "click",
        },
        {
            content: "the gate form loads its required fields",
            trigger: ".o_form_view .o_field_widget[name=required_field_line_ids] .o_data_row:contains(Expected Revenue)",
        },
        {
            content: "add a required field",
            trigger: ".o_form_view .o_field_widget[name=required_field_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=required_field_line_ids] .o_selected_row .o_field_widget[name=field_name] select",
            run: 'select "date_deadline"',
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});

// A Chinese date ("2026年12月28日") is longer than the width lists give date columns: not cut.
registry.category("web_tour.tours").add("ltc_date_columns_fit", {
    url: "/odoo/action-ltc_opportunity.action_ltc_sales_target",
    steps: () => [
        {
            content: "the date columns show whole dates",
            trigger: ".o_list_view .o_data_row:contains(2032) td[name=date_from]:contains(2032)",
            run() {
                for (const cell of document.querySelectorAll(".o_data_row td[name=date_from], .o_data_row td[name=date_to]")) {
                    if (cell.scrollWidth > cell.clientWidth) {
                        throw new Error(`date cut: ${cell.textContent} (${cell.scrollWidth} > ${cell.clientWidth})`);
                    }
                }
            },
        },
    ],
});
