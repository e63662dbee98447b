from . import (
    test_conflict,
    test_decision_point,
    test_forecast,
    test_iron_triangle,
    test_menus,
    test_registration,
    test_stage_gate,
    test_stalled,
    test_tour_opportunity,
    test_win_loss,
)
