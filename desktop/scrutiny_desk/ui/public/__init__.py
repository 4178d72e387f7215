"""The public reader's papers: Export Public Agenda… and Export Public Minutes…"""
