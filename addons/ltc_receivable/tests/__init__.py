from . import test_open_receivables
