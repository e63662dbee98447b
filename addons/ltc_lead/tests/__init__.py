from . import test_dedup_keys, test_security_groups
