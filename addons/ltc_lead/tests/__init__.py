from . import (
    test_access,
    test_bulk_create,
    test_concurrency,
    test_customer_pool,
    test_dedup_keys,
    test_grading,
    test_import,
    test_lifecycle,
    test_pool_claim,
    test_reclaim,
    test_security_groups,
    test_tour_pool,
)
