from . import (
    ltc_lead_assign_wizard,
    ltc_lead_import,
    ltc_lead_import_line,
    ltc_lead_invalid_wizard,
    ltc_lead_release_wizard,
)
