from . import sale_make_invoice_advance
from . import ltc_payment_plan_apply
from . import ltc_receipt_matching
