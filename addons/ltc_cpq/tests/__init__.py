from . import test_quote_from_opportunity
