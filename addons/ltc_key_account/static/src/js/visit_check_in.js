/** @odoo-module **/
/* Check-in button of the visit form: reads the phone's position from the browser's geolocation
 * (as hr_attendance's check-in does) and hands it to ltc.visit.action_check_in; without a position
 * (refused, unavailable, timed out) the visit is checked in without one and says so. */
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { Component, useState } from "@odoo/owl";

export function currentPosition(timeout = 15000) {
    return new Promise((resolve) => {
        if (!navigator.geolocation) {
            resolve(null);
            return;
        }
        navigator.geolocation.getCurrentPosition(
            ({ coords }) => resolve(coords),
            () => resolve(null),
            { timeout, maximumAge: 60000 }
        );
    });
}

export class LtcVisitCheckIn extends Component {
    static template = "ltc_key_account.VisitCheckIn";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ busy: false });
    }

    async onClick() {
        const record = this.props.record;
        if (this.state.busy || !(await record.save())) {
            return;
        }
        if (!record.resId) {
            return;
        }
        this.state.busy = true;
        try {
            const coords = await currentPosition();
            const kwargs = coords
                ? { latitude: coords.latitude, longitude: coords.longitude, accuracy: coords.accuracy }
                : {};
            if (!coords) {
                this.notification.add(_t("No location from this device: checked in without one."), {
                    type: "warning",
                });
            }
            await this.orm.call("ltc.visit", "action_check_in", [[record.resId]], kwargs);
            await record.load();
        } finally {
            this.state.busy = false;
        }
    }
}

registry.category("view_widgets").add("ltc_visit_check_in", { component: LtcVisitCheckIn });
