from . import ltc_payment_plan_line
from . import account_move
from . import ltc_contract
