"""Lesson 06's concept checks, in jupyterquiz's format (shown with :func:`hinge_lib.quiz.show_quiz`).

Plain text only (LaTeX is not typeset offline). The tests check each answer against what the
library computes (the outlier sweep, scikit-learn's LinearSVC, the squared-hinge gradient).
"""

QUIZ = [
    {
        "question": "With the hinge every dual coefficient alpha is at most C, yet at distance 100 the mislabelled "
                    "outlier turned the hinge line as far as the squared hinge's. Why?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Far away, the outlier's alpha grows beyond C.", "correct": False,
             "feedback": "No: the cap holds at every distance. At d = 100 the outlier's alpha is 0.668 C, below "
                         "the cap."},
            {"answer": "A point pulls on w by alpha y x: with alpha capped at C the pull still grows with ||x||, so "
                       "the line turns until the outlier sits on its own margin.", "correct": True,
             "feedback": "Right. The cap bounds the slope of the loss, not the pull alpha y x. Once the outlier is on "
                         "its margin (y f = 1) its alpha drops below C and the line stops turning."},
            {"answer": "The exact solver is inaccurate for points that far away.", "correct": False,
             "feedback": "The solver stops only when every KKT condition holds to 1e-10; the outlier's y f is 1 to "
                         "that accuracy."},
            {"answer": "The squared hinge caps alpha too, at 2C, so both losses behave alike far away.",
             "correct": False,
             "feedback": "The squared hinge has no cap: alpha_i = 2 C max(0, 1 - y_i f_i) grows with the violation "
                         "(6.25 C for the outlier at distance 5)."},
        ],
    },
    {
        "question": "You fit scikit-learn's LinearSVC() with its default settings. Which problem does it solve?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "The hinge loss with a free intercept, like SVC(kernel='linear').", "correct": False,
             "feedback": "LinearSVC's default loss is 'squared_hinge', and its intercept is penalised."},
            {"answer": "The squared hinge, with the intercept penalised through intercept_scaling (a constant "
                       "feature whose weight is regularised like any other).", "correct": True,
             "feedback": "Right: loss='squared_hinge' and intercept_scaling=1 by default; the penalty b^2 / (2 s^2) "
                         "shrinks b, less and less as s grows."},
            {"answer": "The squared hinge with a free intercept, exactly like LinearSVM(solver='exact', "
                       "loss='squared_hinge').", "correct": False,
             "feedback": "The loss is right, the intercept is not free: at s = 1 its b differs from the exact free-b "
                         "solution by about 2e-3 on the lesson's data."},
            {"answer": "The logistic loss, as LogisticRegression does.", "correct": False,
             "feedback": "LinearSVC fits a (squared) hinge; the logistic loss is LogisticRegression's."},
        ],
    },
    {
        "question": "A point of class -1 (y = -1) has score f = 0.5. What is the derivative of its squared hinge "
                    "max(0, 1 - y f)^2 with respect to the score f?",
        "type": "numeric",
        "precision": 3,
        "answers": [
            {"type": "value", "value": 3, "correct": True,
             "feedback": "Right: -2 y max(0, 1 - y f) = -2 (-1) (1.5) = 3. Raising the score of a class -1 point "
                         "makes it worse, so the derivative is positive."},
            {"type": "value", "value": -3, "correct": False,
             "feedback": "Check the sign: the chain rule gives the factor -y = +1 for a class -1 point."},
            {"type": "value", "value": 1.5, "correct": False,
             "feedback": "That is the violation max(0, 1 - y f) = 1.5; the derivative of u^2 is 2u, times -y."},
            {"type": "value", "value": 2.25, "correct": False,
             "feedback": "That is the loss itself, 1.5^2; the question asks for its derivative."},
            {"type": "value", "value": 1, "correct": False,
             "feedback": "That is the plain hinge's derivative -y; the squared hinge's grows with the violation."},
            {"type": "default",
             "feedback": "Write u = max(0, 1 - y f) = 1.5; the loss is u^2, its derivative 2u times du/df = -y."},
        ],
    },
]
