"""Defacement watch (S-HD 17: a defaced site is an emergency incident).

What each published page renders is fingerprinted; ``manage.py check_defacement`` re-renders and
compares, and a change that no publication explains becomes an incident that alerts the management
unit. The rules live in :mod:`security.integrity.services`.
"""
