"""Lesson 07's concept checks, in jupyterquiz's format (shown with :func:`hinge_lib.quiz.show_quiz`).

Plain text only (LaTeX is not typeset offline). The tests check each answer against what the
library (and scikit-learn, and torch where it is installed) computes.
"""

QUIZ = [
    {
        "question": "One sample, C = 4 classes, Weston-Watkins loss 1.2 (margin 1). What does "
                    "torch.nn.MultiMarginLoss() report for it?",
        "type": "numeric",
        "precision": 3,
        "answers": [
            {"type": "range", "range": [0.2999, 0.3001], "correct": True,
             "feedback": "Right: MultiMarginLoss is the Weston-Watkins loss divided by the number of classes, "
                         "1.2 / 4 = 0.3 (and reduction='mean' then averages over the samples)."},
            {"type": "range", "range": [1.1999, 1.2001], "correct": False,
             "feedback": "That is the Weston-Watkins loss itself; torch divides it by the number of classes C."},
            {"type": "range", "range": [0.3999, 0.4001], "correct": False,
             "feedback": "That divides by C - 1, the number of wrong classes; torch divides by C = 4."},
            {"type": "default",
             "feedback": "torch's MultiMarginLoss sums max(0, 1 - s_c + s_k) over the wrong classes and divides by C."},
        ],
    },
    {
        "question": "SVC(kernel='linear', decision_function_shape='ovr') is fitted on three classes. How many binary "
                    "SVMs does it train, and on which points?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Three: each class against all the others, on all the points (one-vs-rest).", "correct": False,
             "feedback": "decision_function_shape only changes how the decision values are reported. SVC always "
                         "trains one-vs-one; LinearSVC is the one that trains one-vs-rest."},
            {"answer": "Three: one per pair of classes, each on the points of those two classes only (one-vs-one); "
                       "'ovr' only reshapes the pairwise votes into one column per class.", "correct": True,
             "feedback": "Right. With C classes SVC trains C(C - 1)/2 pairwise SVMs and predicts by their votes, "
                         "whatever decision_function_shape says; with three classes that is also three."},
            {"answer": "One joint multi-class SVM (Crammer-Singer).", "correct": False,
             "feedback": "scikit-learn's joint multi-class hinge is LinearSVC(multi_class='crammer_singer'); SVC "
                         "combines binary SVMs."},
            {"answer": "Two: one fewer than the number of classes.", "correct": False,
             "feedback": "No scikit-learn strategy trains C - 1 models; SVC trains one per pair of classes."},
        ],
    },
    {
        "question": "For one sample with 5 classes the Weston-Watkins loss is 2.0. Which value can its "
                    "Crammer-Singer loss NOT take?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "0.4", "correct": True,
             "feedback": "Right: WW <= (C - 1) CS, so CS >= 2.0 / 4 = 0.5. The sum of four non-negative gaps is "
                         "at most four times the largest."},
            {"answer": "0.5", "correct": False,
             "feedback": "Possible: four wrong classes each with gap 0.5 give WW = 2.0 and CS = 0.5 (the bound "
                         "WW <= (C - 1) CS holds with equality)."},
            {"answer": "1.3", "correct": False,
             "feedback": "Possible: gaps 1.3 and 0.7 (and two rivals far below) give WW = 2.0 and CS = 1.3."},
            {"answer": "2.0", "correct": False,
             "feedback": "Possible: one rival with gap 2.0 and the others far below; with at most one violating "
                         "class the two losses are equal."},
        ],
    },
]
