"""The concept-check questions of lesson 05, in jupyterquiz's format (plain text, no LaTeX)."""

QUIZ = [
    {
        "question": "In the membership raster of section 3, a few rows keep switching between dark and light until "
                    "the last epoch. Which points are they?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Points with alpha = C at the optimum (inside the band or misclassified).",
             "correct": False,
             "feedback": "No: those rows turn dark within the first 20 epochs and stay dark. At the optimum these "
                         "points are inside the band, and gradient descent keeps them there."},
            {"answer": "Points whose margin y f at the optimum is 1 or very close to it.",
             "correct": True,
             "feedback": "Yes. Constant-step gradient descent does not settle at the optimum; it keeps circling "
                         "near it, so every margin wobbles a little. A point whose wobble straddles y f = 1 "
                         "crosses its margin line back and forth: the on-margin points and their near neighbours."},
            {"answer": "The points farthest from the line, because their large x gives them the largest gradient.",
             "correct": False,
             "feedback": "No: points far beyond the margin leave the set early (bottom rows) and never come back. "
                         "A point beyond its margin contributes no gradient at all."},
            {"answer": "Random points: the learning rate 0.05 is too large, so training never settles.",
             "correct": False,
             "feedback": "No: the objective falls and almost every row settles for good. Only points with y f "
                         "near 1 at the optimum keep switching, which is not random."},
        ],
    },
    {
        "question": "A training set has N = 200 points; you minimise J with lambda = 0.005 (the mean hinge loss), and "
                    "25 points end with alpha > 0. You retrain on those 25 points alone, also with the mean loss. "
                    "Which lambda gives exactly the same line?",
        "type": "numeric",
        "answers": [
            {"type": "range", "range": [0.03995, 0.04005], "correct": True,
             "feedback": "Yes: lambda N / N_sv = 0.005 * 200 / 25 = 0.04, which keeps C = 1 / (lambda N) = 1 fixed."},
            {"type": "range", "range": [0.004995, 0.005005], "correct": False,
             "feedback": "That is trap 1: with the same lambda the mean over 25 points weights each loss 1/25 "
                         "instead of 1/200, so C grows 8-fold and the line moves. Keep lambda N fixed."},
            {"type": "range", "range": [0.000624, 0.000626], "correct": False,
             "feedback": "The ratio is upside down: fewer points means each must weigh more, so lambda grows: "
                         "lambda N / N_sv."},
            {"type": "default",
             "feedback": "Keep C = 1 / (lambda N) the same on both problems: lambda_sv * 25 = lambda * 200."},
        ],
    },
    {
        "question": "A point has 0 < alpha < C at the exact optimum. Which statement is true?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "It lies exactly on its margin line: hinge loss 0, a support vector in the dual sense "
                       "(alpha > 0) but not in the loss sense.",
             "correct": True,
             "feedback": "Yes: 0 < alpha < C forces y f = 1. That is why support_ (alpha > 0) holds more points "
                         "than margin_violators (y f < 1)."},
            {"answer": "It lies inside the band, so margin_violators marks it.",
             "correct": False,
             "feedback": "No: inside the band means y f < 1, which forces alpha = C. With 0 < alpha < C the point "
                         "sits exactly on its margin line (y f = 1, up to the solver's rounding), with loss 0."},
            {"answer": "Its alpha is strictly between 0 and C only because the solver has not converged yet.",
             "correct": False,
             "feedback": "No: on-margin points have 0 < alpha < C at the exact optimum. Their alphas are what "
                         "balances the pulls of the other points."},
            {"answer": "Removing it and retraining (with lambda rescaled) gives the same line.",
             "correct": False,
             "feedback": "No: its alpha > 0 means it is part of w = sum alpha_i y_i x_i. In section 5, dropping "
                         "the on-margin points (keeping only loss > 0) moved the line."},
        ],
    },
]
