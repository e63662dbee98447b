from . import (
    res_company,
    res_config_settings,
    ltc_visit_type,
    ltc_visit_type_question,
    ltc_visit,
    ltc_visit_answer,
    ltc_account_grade_rule,
    res_partner_grade,
    ltc_visit_frequency,
    ltc_account_plan,
    ltc_account_plan_action,
    ltc_account_plan_stakeholder,
)
