"""Page "Thư viện": slogans, posters and print-ready banners."""
