package synth

// hantIntentPhrases are the Traditional Chinese phrases that depend on the
// conversation's intent.
func hantIntentPhrases() rawBook {
	return rawBook{
		keyOpen(IntentOrderStatus, moodCalm):    {"請問我的訂單怎麼還沒出貨？", "我[前天|上週]買的{product}，什麼時候會出貨呢", "幫我查一下訂單進度，謝謝", "{product}下單好幾天了還是顯示待出貨"},
		keyOpen(IntentOrderStatus, moodAnxious): {"我買的{product}還沒出貨，週末要用，來得及嗎？", "訂單怎麼還沒寄出？我急著用", "付款好幾天了還沒出貨，是不是缺貨？"},
		keyOpen(IntentOrderStatus, moodAngry):   {"都一個禮拜了還不出貨！！到底還要不要賣？", "{product}下單五天了還沒寄，騙人的吧？", "不是說24小時出貨嗎？現在都幾天了？"},
		keyDetail(IntentOrderStatus):            {"是{date}下單的，付了{price}", "頁面一直顯示待出貨", "當時客服說{days}天內出貨"},
		keyResolve(IntentOrderStatus): {
			"查到了，您的訂單已經包裝完成，預計今天寄出，出貨後會有簡訊通知。",
			"您的{product}目前在倉庫排隊出貨，預計{days}天內寄出。",
			"訂單已經出貨了，物流單號是{tracking}，由{courier}配送。",
		},
		keyFAQ(IntentOrderStatus): {"訂單出貨後會以簡訊通知您，也可以在「我的訂單」查看狀態。", "現貨商品一般於付款後24小時內出貨。"},

		keyOpen(IntentReturns, moodCalm):    {"我想退貨，{product}不太適合", "{product}尺寸不對，可以換嗎？", "請問要怎麼申請退款？", "我申請的退款到哪個步驟了？"},
		keyOpen(IntentReturns, moodAnxious): {"退款申請好幾天了還沒入帳，會不會有問題？", "退貨已經寄回去了，錢什麼時候會退？我有點急", "{product}超過7天了還能退嗎？還沒拆封"},
		keyOpen(IntentReturns, moodAngry):   {"退款拖了半個月了！！到底退不退？", "憑什麼拒絕我的退款申請？", "東西都寄回去了錢還沒退，你們是詐騙嗎？"},
		keyDetail(IntentReturns):            {"退貨單號{tracking}，{date}就簽收了", "金額是{price}，用信用卡付的", "東西還沒拆封，吊牌都還在"},
		keyResolve(IntentReturns): {
			"已經幫您送出退貨申請，明天會有物流到府收件，退款{price}會在倉庫收到後處理。",
			"查到倉庫已收到退貨，退款{price}已經送出，請留意入帳通知。",
			"您的退款已審核通過，金額{price}會原路退回。",
		},
		keyFAQ(IntentReturns): {"您可以在「我的訂單-申請退貨」送出退貨退款申請。", "退款一般於商家確認收貨後1-3個工作天退回。"},

		keyOpen(IntentLogistics, moodCalm):    {"我的包裹怎麼好幾天沒更新了？", "物流一直顯示在{city}轉運，正常嗎？", "想問一下{product}大概什麼時候會到", "顯示已取貨，但我沒有拿到"},
		keyOpen(IntentLogistics, moodAnxious): {"包裹卡在{city}好幾天，我後天就要出國了", "物流好幾天沒動，是不是遺失了？", "要送朋友的生日禮物，可以幫忙催一下嗎"},
		keyOpen(IntentLogistics, moodAngry):   {"包裹一個禮拜都沒動！！你們用什麼爛物流？", "顯示簽收了我根本沒收到！誰簽的？", "點解三日都冇更新？打去物流都冇人聽！"},
		keyDetail(IntentLogistics):            {"物流單號{tracking}", "最後一筆紀錄是{date}到達{city}", "{courier}的，一直沒配送"},
		keyResolve(IntentLogistics): {
			"查到您的包裹{tracking}目前在{city}轉運中心，因天候延誤，預計{days}天內送達。",
			"已經幫您聯繫{courier}加急配送，今天會有司機跟您聯絡。",
			"包裹確實異常，我這邊幫您申請補寄，新的單號稍後簡訊通知您。",
		},
		keyFAQ(IntentLogistics): {"您可以在訂單明細查看即時物流，超過72小時未更新可聯繫真人客服。", "受天候影響，部分地區配送會延遲。"},

		keyOpen(IntentQuality, moodCalm):    {"收到的{product}好像有問題", "{product}用兩天就[充不了電|開不了機|脫膠了]", "{product}有色差，可以處理嗎？", "想反映一下{product}的品質問題"},
		keyOpen(IntentQuality, moodAnxious): {"{product}燙得很厲害，會不會有危險？", "小孩用了{product}起紅疹，是不是品質有問題？", "剛買的{product}就壞了，有保固嗎？"},
		keyOpen(IntentQuality, moodAngry):   {"你們賣的{product}是假貨吧！！品質有夠差", "{product}第一天就壞了，什麼爛東西？", "花了{price}買{product}，用一次就壞，退錢！"},
		keyDetail(IntentQuality):            {"有拍照片，{product}外殼裂了", "{date}收到的，都照說明書使用", "批號是{batch}"},
		keyResolve(IntentQuality): {
			"瑕疵商品我們提供換新，新的{product}會盡快寄出。",
			"已經幫您送出檢測，會安排到府收件，{days}個工作天內回覆結果。",
			"已回報品管部門核查批號{batch}，同時幫您辦理退貨退款。",
		},
		keyFAQ(IntentQuality): {"商品如有瑕疵，請於到貨15天內申請退換並上傳照片。", "瑕疵商品退換運費由我們負擔。"},

		keyOpen(IntentShelfLife, moodCalm):    {"請問{product}的保存期限是多久？", "{product}的製造日期是什麼時候？", "想問{product}開封後可以放多久", "現在買{product}會不會寄即期品？"},
		keyOpen(IntentShelfLife, moodAnxious): {"我買的{product}好像快過期了，小孩已經喝了，會不會有事？", "{product}上面的製造日期看不清楚，寶寶還能吃嗎？", "收到的{product}離到期只剩{days}天，還能吃嗎？"},
		keyOpen(IntentShelfLife, moodAngry):   {"你們賣的{product}都過期了！！", "{product}製造日期{date}，保存期限{shelf}，早就過期了！賣過期品？", "收到的{product}是即期品，你們怎麼回事？"},
		keyDetail(IntentShelfLife):            {"製造日期是{date}，保存期限寫{shelf}", "包裝上的有效日期到{expiry}", "批號是{batch}"},
		keyResolve(IntentShelfLife): {
			"查到您收到的批號是{batch}，製造日期{date}，保存期限{shelf}，目前還在有效期限內。",
			"即期品我們幫您辦理退貨退款，運費由我們負擔。",
			"{product}保存期限是{shelf}，未開封常溫保存即可，開封後請冷藏盡快飲用。",
		},
		keyFAQ(IntentShelfLife): {"{product}的保存期限為{shelf}，製造日期請以包裝標示為準。", "食品類商品出貨時保證剩餘效期至少三分之二。"},

		keyOpen(IntentBilling, moodCalm):    {"為什麼我被扣款兩次？", "想開統一編號的發票，要怎麼操作？", "訂單金額跟我付的不一樣，可以幫我看一下嗎？"},
		keyOpen(IntentBilling, moodAnxious): {"信用卡被重複刷了{price}，可以退回來嗎？", "付款顯示失敗但錢被扣了，怎麼辦？", "發票急著報帳，什麼時候可以開好？"},
		keyOpen(IntentBilling, moodAngry):   {"憑什麼多扣我{price}？！", "重複扣款還不退，你們是搶錢嗎？", "帳單根本不對，亂扣錢！"},
		keyDetail(IntentBilling):            {"{date}扣了兩筆，每筆{price}", "實付{price}，頁面顯示應付比較少", "用的是末四碼{last4}的卡"},
		keyResolve(IntentBilling): {
			"查到確實重複扣款，多扣的{price}已經幫您申請退刷。",
			"電子發票已經開立，會寄到您的信箱。",
			"付款失敗的金額銀行會自動退回，一般1-3個工作天。",
		},
		keyFAQ(IntentBilling): {"電子發票可在訂單明細「申請發票」送出，開立後寄到您的信箱。", "重複扣款一般於1-3個工作天內自動退回。"},

		keyOpen(IntentAccount, moodCalm):    {"我想改帳號綁定的手機號碼", "帳號登入不了，怎麼辦？", "要怎麼修改預設收件地址？"},
		keyOpen(IntentAccount, moodAnxious): {"我的帳號好像被別人登入了，有陌生訂單！", "收到驗證碼簡訊但不是我操作的，帳號安全嗎？", "換了手機號碼收不到驗證碼"},
		keyOpen(IntentAccount, moodAngry):   {"帳號被盜你們都不管嗎？？", "為什麼無緣無故停用我的帳號？", "改個手機號碼要弄半天，煩死了！"},
		keyDetail(IntentAccount):            {"新的手機號碼是{phone}", "註冊信箱是{email}", "帳戶裡有一筆{price}的訂單不是我下的"},
		keyResolve(IntentAccount): {
			"已幫您重設登入密碼，請透過簡訊連結重新設定。",
			"手機號碼已經更換綁定成功。",
			"已經幫您凍結帳戶並取消異常訂單，建議盡快修改密碼。",
		},
		keyFAQ(IntentAccount): {"您可以在「設定-帳戶與安全」修改綁定手機。", "如帳號異常，請立即修改密碼並聯繫真人客服。"},

		keyOpen(IntentPromotions, moodCalm):    {"{coupon}的活動還有嗎？", "雙11{product}會降價嗎？", "請問折價券要怎麼領？"},
		keyOpen(IntentPromotions, moodAnxious): {"活動快結束了，{coupon}的券怎麼不能用？", "剛下單就降價{price}，還能申請價差嗎？", "贈品沒收到，活動頁寫買就送"},
		keyOpen(IntentPromotions, moodAngry):   {"說好的{coupon}，結帳根本沒折！騙人！", "剛買完就降價{price}，這不是坑人嗎？", "活動規則亂寫，就是故意不給優惠"},
		keyDetail(IntentPromotions):            {"活動頁寫的是{coupon}", "我是{date}買的，付了{price}", "贈品是{product}"},
		keyResolve(IntentPromotions): {
			"已經幫您申請價差補償，審核通過後{price}會在1-3個工作天內原路退回。",
			"{coupon}的券要先在活動頁領取，結帳時勾選就可以使用。",
			"贈品漏寄了，已經幫您補寄。",
		},
		keyFAQ(IntentPromotions): {"折價券可在「領券中心」領取，結帳時自動折抵。", "商品降價可於下單7天內申請價差補償。"},
	}
}
