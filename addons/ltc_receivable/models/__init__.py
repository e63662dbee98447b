from . import ltc_payment_plan_line
from . import account_move
from . import ltc_contract
from . import ltc_contract_milestone
from . import res_company_plan
from . import res_config_settings_plan
from . import sale_order_plan
from . import sale_order_line_plan
