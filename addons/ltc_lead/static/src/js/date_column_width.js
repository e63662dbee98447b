/** @odoo-module **/

import { formatDate, formatDateTime } from "@web/core/l10n/dates";
import { dateField, dateTimeField } from "@web/views/fields/datetime/datetime_field";
import { listDateField, listDateTimeField } from "@web/views/fields/datetime/list_datetime_field";

const { DateTime } = luxon;

// List columns of dates get a fixed width made for "12/28/2026"; a Chinese date ("2026年12月28日")
// needs more and came out cut. Size them after the user's own date format.
const widths = {};

function textWidth(text) {
    const context = document.createElement("canvas").getContext("2d");
    context.font = getComputedStyle(document.body).font;
    return Math.ceil(context.measureText(text).width);
}

function listViewWidth({ type }) {
    if (!(type in widths)) {
        const sample = DateTime.local(2026, 12, 28, 20, 58, 58);
        const text = type === "datetime" ? formatDateTime(sample) : formatDate(sample);
        widths[type] = Math.max(type === "datetime" ? 145 : 80, textWidth(text) + 8);
    }
    return widths[type];
}

for (const field of [dateField, dateTimeField, listDateField, listDateTimeField]) {
    field.listViewWidth = listViewWidth;
}
