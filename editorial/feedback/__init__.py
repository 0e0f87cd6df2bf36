"""Citizens' questions and feedback (P-Art. 8.9, 5.2.i): received, forwarded, answered, published."""
