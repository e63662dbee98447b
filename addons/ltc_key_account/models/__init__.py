from . import (
    ltc_account_grade_rule,
    ltc_account_plan,
    ltc_account_plan_action,
    ltc_account_plan_stakeholder,
    ltc_visit,
    ltc_visit_answer,
    ltc_visit_frequency,
    ltc_visit_type,
    ltc_visit_type_question,
    res_company,
    res_config_settings,
    res_partner_grade,
)
