from . import test_signed_orders
