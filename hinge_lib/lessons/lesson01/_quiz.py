"""Lesson 01's concept checks, in jupyterquiz's format (plain text: no LaTeX offline).

The tests check each answer against the library (tests/lessons/test_lesson01.py).
"""

QUIZ = [
    {
        "question": "A point has label y = -1 and score f(x) = +0.4. Which position word fits it?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "misclassified", "correct": True,
             "feedback": "Right: its functional margin is y f(x) = -0.4 < 0, so it is on the wrong side of the "
                         "boundary. That it also lies between the margin lines does not make it 'inside the band'."},
            {"answer": "inside the band", "correct": False,
             "feedback": "It does lie between the margin lines (|f(x)| < 1), but on the wrong side: y f(x) = -0.4. "
                         "'Inside the band' means the correct side, 0 < y f(x) < 1."},
            {"answer": "on the boundary", "correct": False,
             "feedback": "On the boundary the score is exactly 0; here f(x) = +0.4."},
            {"answer": "beyond the margin", "correct": False,
             "feedback": "Beyond the margin needs y f(x) > 1; here y f(x) = -0.4."},
        ],
    },
    {
        "question": "scikit-learn's SVC minimises (1/2)||w||^2 + C * (sum of the hinge losses). The course "
                    "minimises J = (lambda/2)||w||^2 + (mean of the hinge losses). For lambda = 0.01 and "
                    "N = 50 training points, which C gives the same classifier?",
        "type": "numeric",
        "answers": [
            {"type": "value", "value": 2, "correct": True,
             "feedback": "Right: C = 1 / (lambda N) = 1 / (0.01 * 50) = 2. Dividing SVC's objective by C N gives J."},
            {"type": "value", "value": 100, "correct": False,
             "feedback": "1 / lambda forgets N: SVC sums the losses while J averages them, so C = 1 / (lambda N)."},
            {"type": "value", "value": 0.5, "correct": False,
             "feedback": "That is lambda N; C is its inverse, 1 / (lambda N)."},
            {"type": "default",
             "feedback": "Divide SVC's objective by C N and compare it with J term by term."},
        ],
    },
    {
        "question": "The boundary w.x + b = 0 has b = 2. You multiply w by 2 and leave b as it is. "
                    "What happens to the boundary?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "It moves parallel to itself, to half its distance from the origin.", "correct": True,
             "feedback": "Right: 2w.x + b = 0 is w.x + b/2 = 0, the same direction with half the bias; the "
                         "distance of the origin to it, |b| / ||w||, halves. Only scaling w AND b keeps it."},
            {"answer": "Nothing: scaling never moves the boundary.", "correct": False,
             "feedback": "Scaling (w, b) together keeps it; scaling w alone is like dividing b by 2."},
            {"answer": "It turns by some angle.", "correct": False,
             "feedback": "Its direction is set by w's direction, which does not change when w is doubled."},
            {"answer": "It stays, but the band gets narrower.", "correct": False,
             "feedback": "The band does get narrower (2 / ||2w||), but the boundary moves too, because b was "
                         "not doubled."},
        ],
    },
]
