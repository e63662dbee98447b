from . import (
    test_access,
    test_account_plan,
    test_concurrency,
    test_grading,
    test_tour_key_account_desktop,
    test_tour_visit_phone,
    test_visit,
    test_visit_plan,
    test_zh_cn,
)
