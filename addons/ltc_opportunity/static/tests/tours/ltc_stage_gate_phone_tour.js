/** @odoo-module **/

import { registry } from "@web/core/registry";

// Data comes from tests/test_tour_stage_gate_phone.py. On a phone (390 px) the statusbar is one
// dropdown showing the current stage: the rep picks the gated stage there, is refused with the
// missing fields named, fills them, and the move goes through.
function pickStage(stage) {
    return [
        {
            content: "on a phone the statusbar is a dropdown showing the current stage",
            trigger: ".o_form_view .o_statusbar_status .dropdown-toggle:not(.o_arrow_button):visible",
            run: "click",
        },
        {
            content: `pick the stage ${stage}`,
            trigger: `.o-dropdown--menu .dropdown-item:contains(${stage})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("ltc_stage_gate_refusal_phone", {
    steps: () => [
        {
            content: "the opportunity is open in its first stage",
            trigger: ".o_form_view .o_statusbar_status .dropdown-toggle:visible:contains(Tour Phone Start)",
        },
        ...pickStage("Tour Phone Gated"),
        {
            content: "the move is refused, naming the missing fields",
            trigger: ".modal:contains(cannot move to stage Tour Phone Gated):contains(Field: Expected Revenue):contains(Field: Expected Closing)",
        },
        {
            content: "close the refusal",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "discard the refused move",
            trigger: ".o_form_view .o_form_button_cancel:visible",
            run: "click",
        },
        {
            content: "the opportunity stayed in its stage",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .dropdown-toggle:visible:contains(Tour Phone Start)",
        },
        {
            content: "fill the expected revenue",
            trigger: ".o_form_view .o_field_widget[name=expected_revenue] input",
            run: "edit 48000",
        },
        {
            content: "fill the expected closing",
            trigger: ".o_form_view .o_field_widget[name=date_deadline] input",
            run: "edit 06/30/2031",
        },
        {
            content: "save",
            trigger: ".o_form_view .o_form_button_save:visible",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
        ...pickStage("Tour Phone Gated"),
        {
            content: "the opportunity moved to the gated stage",
            trigger: ".o_form_view .o_statusbar_status .dropdown-toggle:visible:contains(Tour Phone Gated)",
        },
        {
            content: "and it is saved",
            trigger: ".o_form_view:not(:has(.o_form_status_indicator_dirty)) .o_form_saved",
        },
    ],
});
