from . import ltc_contract_reason_wizard
