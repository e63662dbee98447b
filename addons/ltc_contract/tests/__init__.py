from . import (
    test_contract_access,
    test_contract_amendment,
    test_contract_fulfilment,
    test_contract_lifecycle,
    test_contract_milestones,
    test_contract_report,
    test_tour_contract,
)
