"""Links to central and local government sites (P-Art. 8, category 11 ``lien-ket``)."""
