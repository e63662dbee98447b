from . import ltc_payment_plan_apply, ltc_receipt_matching, sale_make_invoice_advance
