"""Lesson 04's concept checks, in jupyterquiz's format (shown with :func:`hinge_lib.quiz.show_quiz`).

Plain text only (LaTeX is not typeset offline). The tests check each answer against what the
library computes.
"""

QUIZ = [
    {
        "question": "In section 3 the objective J of full-batch subgradient descent went UP in some epochs "
                    "(by less than 0.0001 each time). What does that tell you?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "The code has a bug: gradient descent always lowers J.", "correct": False,
             "feedback": "With a smooth objective and a small enough step it would. The hinge has kinks, and a "
                         "step along a subgradient is not guaranteed to lower J."},
            {"answer": "The learning rate is too high: the run is about to diverge.", "correct": False,
             "feedback": "A diverging run keeps growing; these rises are tiny and J still ends within 0.001 of "
                         "the exact minimum J*."},
            {"answer": "A subgradient step need not lower J: near the minimum each step overshoots the kinks "
                       "of the points close to the margin and comes back.", "correct": True,
             "feedback": "Right. Subgradient descent is not a descent method in the strict sense; with a "
                         "constant step it ends in a narrow band around J*."},
            {"answer": "lambda is too small, so the regularisation cannot hold w.", "correct": False,
             "feedback": "lambda sets where the minimum is, not whether a step can overshoot it; the rises "
                         "come from the kinks of the hinge."},
        ],
    },
    {
        "question": "In section 7, lambda = 0.1 was chosen on validation data and refitted on the N = 426 training "
                    "tumours. Which C must scikit-learn's SVC(kernel='linear') use to fit the same model? "
                    "(3 significant digits)",
        "type": "numeric",
        "precision": 3,
        "answers": [
            {"type": "range", "range": [0.0234, 0.0236], "correct": True,
             "feedback": "Right: C = 1/(lambda N) = 1/(0.1 x 426) = 0.0235 (lesson 01, Glossary)."},
            {"type": "range", "range": [42.5, 42.7], "correct": False,
             "feedback": "That is lambda N; C is its inverse, 1/(lambda N)."},
            {"type": "range", "range": [9.95, 10.05], "correct": False,
             "feedback": "1/lambda forgets N: SVC sums the hinge losses, J averages them, so C = 1/(lambda N)."},
            {"type": "default",
             "feedback": "Divide J by lambda: (1/2)||w||^2 + (1/(lambda N)) sum_i hinge_i, so C = 1/(lambda N)."},
        ],
    },
    {
        "question": "Across 100 random initialisations (section 2) the 'before' count of margin violators "
                    "ranged from 16 to 60 and the 'after' count only from 14 to 16. What mostly sets the "
                    "'before' count?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "How hard the data are to separate.", "correct": False,
             "feedback": "The data are the same 60 points in all 100 runs; only the starting w0 changes."},
            {"answer": "The random starting w0: its length (a short w0 makes a band wide enough to hold every "
                       "point) and its direction (a w0 pointing the wrong way misclassifies many points).",
             "correct": True,
             "feedback": "Right. The 'after' count is a property of the problem; the 'before' count is a "
                         "property of the draw."},
            {"answer": "The learning rate.", "correct": False,
             "feedback": "At epoch 0 no step has been taken yet, whatever the learning rate."},
            {"answer": "The number of epochs.", "correct": False,
             "feedback": "The 'before' count is read at epoch 0, before any epoch has run."},
        ],
    },
]
