/** @odoo-module **/

import { registry } from "@web/core/registry";

// Data comes from tests/test_tour_receivable.py.

// Desktop, the contract's AR: an executing contract of 22,000 whose plan starts with a manual advance
// of 30 %. The AR raises it from the payment plan tab and opens the invoice from the contract.
registry.category("web_tour.tours").add("ltc_plan_raise_invoice", {
    steps: () => [
        {
            content: "open the payment plan tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Payment Plan)",
            run: "click",
        },
        {
            content: "the advance is not invoiced yet",
            trigger: ".o_field_widget[name=plan_line_ids] .o_data_row:contains(Advance 30%) td[name=payment_state]:contains(Not Invoiced)",
        },
        {
            content: "the balance, triggered on a date, offers no invoice button",
            trigger: ".o_field_widget[name=plan_line_ids] .o_data_row:contains(Balance 70%):not(:has(button[name=action_raise_invoice]))",
        },
        {
            content: "raise the advance's invoice",
            trigger: ".o_field_widget[name=plan_line_ids] .o_data_row:contains(Advance 30%) button[name=action_raise_invoice]",
            run: "click",
        },
        {
            content: "the line now has its invoice, not paid, and no button any more",
            trigger: ".o_field_widget[name=plan_line_ids] .o_data_row:contains(Advance 30%):not(:has(button[name=action_raise_invoice])) td[name=payment_state]:contains(Not Paid)",
        },
        {
            trigger: ".o_field_widget[name=plan_line_ids] .o_data_row:contains(Advance 30%) td[name=invoice_id]:contains(INV/)",
        },
        {
            content: "the plan's totals count the invoice",
            trigger: ".o_form_view .o_field_widget[name=amount_plan_invoiced]:contains(6,600.00)",
        },
        {
            content: "open the plan's invoices from the smart button",
            trigger: ".o_form_view button[name=action_view_plan_invoices]",
            run: "click",
        },
        {
            content: "exactly one invoice, of the advance's amount",
            trigger: ".o_list_view:has(.o_data_row:only-child) .o_data_row td[name=amount_untaxed_in_currency_signed]:contains(6,600.00)",
        },
        {
            content: "open it",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(INV/)",
            run: "click",
        },
        {
            content: "the posted invoice of 6,600.00 for the customer",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=posted]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(East Power)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=tax_totals]:contains(6,600.00)",
        },
    ],
});

// Phone, the rep: "My Collections This Month" shows the lines the rep collects and that fall due
// this month — not another rep's line, not a line not invoiced yet — and opens one.
registry.category("web_tour.tours").add("ltc_my_collections_phone", {
    steps: () => [
        {
            content: "the rep's advance due this month is on a card",
            trigger: ".o_kanban_view .o_kanban_record:contains(Advance 30%):contains(East Power):contains(6,600.00)",
        },
        {
            content: "another rep's line and the line not invoiced yet are not",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains(Other Rep Advance))):not(:has(.o_kanban_record:contains(Balance 70%)))",
        },
        {
            content: "open the card",
            trigger: ".o_kanban_record:contains(Advance 30%)",
            run: "click",
        },
        {
            content: "the line's form: its invoice and what is still due",
            trigger: ".o_form_view .o_field_widget[name=invoice_id]:contains(INV/)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=amount_residual]:contains(6,600.00)",
        },
        {
            content: "no button to invoice it again",
            trigger: ".o_form_view:not(:has(button[name=action_raise_invoice]))",
        },
    ],
});

// Desktop, a sales manager: the credit profile (诚信档案) of a customer whose advance is 40 days late.
registry.category("web_tour.tours").add("ltc_credit_profile_manager", {
    steps: () => [
        {
            content: "open the credit profile tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Credit Profile)",
            run: "click",
        },
        {
            content: "open receivables and current overdue: the late advance",
            trigger: ".o_form_view .o_field_widget[name=ltc_open_amount]:contains(6,600.00)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=ltc_overdue_amount]:contains(6,600.00)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=ltc_overdue_ratio]:contains(100.0)",
        },
        {
            content: "follow the overdue figure to its journal items",
            trigger: ".o_form_view button[name=action_ltc_view_overdue_items]",
            run: "click",
        },
        {
            content: "the one overdue journal item of the advance's invoice",
            trigger: ".o_list_view .o_data_row:contains(INV/) td:contains(6,600.00)",
            run() {
                const rows = document.querySelectorAll(".o_list_view .o_data_row");
                if (rows.length !== 1) {
                    throw new Error(`one overdue journal item expected, ${rows.length} listed`);
                }
            },
        },
    ],
});

// Phone, the contract's AR: the payment plan is cards (the list needs a horizontal scroll to reach
// the money); the manual advance is raised from its card.
registry.category("web_tour.tours").add("ltc_plan_cards_phone", {
    steps: () => [
        {
            content: "open the payment plan tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Payment Plan)",
            run: "click",
        },
        {
            content: "the plan is cards, amounts on them",
            trigger: ".o_field_widget[name=plan_line_ids] .o_kanban_record:contains(Advance 30%):contains(6,600.00)",
        },
        {
            content: "the balance, triggered on a date, has no invoice button",
            trigger: ".o_field_widget[name=plan_line_ids] .o_kanban_record:contains(Balance 70%):not(:has(button[name=action_raise_invoice]))",
        },
        {
            content: "raise the advance from its card",
            trigger: ".o_field_widget[name=plan_line_ids] .o_kanban_record:contains(Advance 30%) button[name=action_raise_invoice]",
            run: "click",
        },
        {
            content: "the card shows the invoice, not paid, and no button any more",
            trigger: ".o_field_widget[name=plan_line_ids] .o_kanban_record:contains(Advance 30%):contains(INV/):contains(Not Paid):not(:has(button[name=action_raise_invoice]))",
        },
    ],
});
