from . import ltc_report_aging_wizard
