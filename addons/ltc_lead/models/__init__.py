from . import (
    crm_lead_bulk,
    crm_lead_dedup,
    crm_lead_grading,
    crm_lead_lifecycle,
    crm_lead_pool,
    ltc_lead_pool,
    ltc_lead_pool_log,
    ltc_lead_scoring_rule,
    ltc_product_line,
    res_company,
    res_config_settings,
    res_partner_pool,
)
