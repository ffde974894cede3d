"""The goal a petition shows: the organizer's goal, then the next milestone once it is reached."""

_STEPS = (1, 2.5, 5)


def milestones():
    """1, 2.5 (as 3), 5, 10, 25, 50, 100, ... forever."""
    power = 1
    while True:
        for step in _STEPS:
            yield int(step * power)
        power *= 10


def displayed_goal(goal, count):
    """`goal` while the count is below it; otherwise the first milestone above the count."""
    goal = max(goal or 0, 1)
    if count < goal:
        return goal
    for milestone in milestones():
        if milestone > count and milestone > goal:
            return milestone
