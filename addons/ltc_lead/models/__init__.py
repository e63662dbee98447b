from . import crm_lead_dedup, ltc_product_line
