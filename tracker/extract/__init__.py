"""Document intake: read a policy document and propose its figures as reviewable candidates."""
