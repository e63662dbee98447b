from . import test_open_receivables
from . import test_payment_plan
from . import test_escalation
from . import test_period_close
from . import test_receipt_matching
from . import test_credit
from . import test_commission
