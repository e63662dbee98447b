from . import (
    test_commission,
    test_credit,
    test_demo_story,
    test_escalation,
    test_open_receivables,
    test_payment_plan,
    test_period_close,
    test_receipt_matching,
    test_tour_receivable,
)
