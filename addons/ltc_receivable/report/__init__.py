from . import ltc_commission_xlsx
